package io.github.eventsuite.analytics.deadletters;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedValuesTests {

	@Test
	void masksNameAndEmailFieldsOfAnyCaseAndTypeAndEveryAddress() {
		assertThat(MaskedValues.mask("{\"Name\":\"Ada Lovelace\",\"EMAIL\":\"ada@example.com\",\"user\":{\"name\":[\"Ada\"]},"
				+ "\"note\":\"cc andré@example.com\",\"count\":2}"))
			.isEqualTo("{\"Name\":\"A***\",\"EMAIL\":\"a***@example.com\",\"user\":{\"name\":\"***\"},"
					+ "\"note\":\"cc a***@example.com\",\"count\":2}");
	}

	@Test
	void masksWhatLooksLikeNameAndEmailFieldsInAValueThatIsNotJson() {
		assertThat(MaskedValues.mask("{\"envelope\":{},\"name\":\"Ada Lovelace\",\"email\":\"ada@exa"))
			.isEqualTo("{\"envelope\":{},\"name\":\"A***\",\"email\":\"a***");
		assertThat(MaskedValues.mask("not json, ada@example.com")).isEqualTo("not json, a***@example.com");
	}

}
