package io.github.eventsuite.eventbus;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataTests {

	@Test
	void masksAnEmailAddressButItsFirstCharacterAndDomain() {
		assertThat(PersonalData.maskEmail("ada.lovelace@example.com")).isEqualTo("a***@example.com");
		assertThat(PersonalData.maskEmail("a@example.com")).isEqualTo("a***@example.com");
		assertThat(PersonalData.maskEmail("no-at-sign")).isEqualTo("***");
		assertThat(PersonalData.maskEmail("@example.com")).isEqualTo("***");
		assertThat(PersonalData.maskEmail(null)).isNull();
	}

	@Test
	void masksANameButItsFirstCharacter() {
		assertThat(PersonalData.maskName("Ada Lovelace")).isEqualTo("A***");
		assertThat(PersonalData.maskName("")).isEmpty();
		assertThat(PersonalData.maskName(null)).isNull();
	}

	@Test
	void masksEveryEmailAddressInAText() {
		assertThat(PersonalData.maskEmailsIn(
				"550 5.1.1 <ada+x@mail.example.com>: Recipient rejected; also \"bob_1@example.org\", b@c"))
			.isEqualTo("550 5.1.1 <a***@mail.example.com>: Recipient rejected; also \"b***@example.org\", b***@c");
		assertThat(PersonalData.maskEmailsIn("no address at all @ here")).isEqualTo("no address at all @ here");
	}

	@Test
	void eventsContainingPersonalDataPrintItMasked() {
		UUID id = UUID.fromString("6f1c1f6e-52d4-4c59-9e1b-2f0f5a3c1a10");
		UserCreated created = UserCreated.of(id, "Ada Lovelace", "ada@example.com",
				Instant.parse("2026-11-26T10:00:00Z"), "corr");
		UserRegistrationRequested requested = UserRegistrationRequested.of(id, "Ada Lovelace", "ada@example.com",
				"corr");

		assertThat(created.toString()).contains(id.toString(), "name=A***", "email=a***@example.com")
			.doesNotContain("ada@", "Lovelace");
		assertThat(requested.toString()).contains(id.toString(), "name=A***", "email=a***@example.com")
			.doesNotContain("ada@", "Lovelace");
	}

}
