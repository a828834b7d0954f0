package io.github.eventsuite.notification.email;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailerTests {

	@Test
	void choosesTheTransferEncodingJakartaMailWouldForTextThatIsAsciiOrMostlySo() {
		for (String body : new String[] { "Hello Ada,\r\n\r\nwelcome to Event Suite!\r\n", "Hello Zoë,\r\nwelcome!",
				"tab\there", "bell\u0007", "a".repeat(999),
				"a".repeat(998) + "\r\n" + "b".repeat(998) }) {
			assertThat(Mailer.transferEncoding(body)).as(body)
				.isEqualTo(MimeUtility.getEncoding(new DataHandler(body, "text/plain; charset=UTF-8")));
		}
	}

	@Test
	void writesMostlyForeignTextAsQuotedPrintableWhichFitsAnyText() {
		assertThat(Mailer.transferEncoding("Здравствуйте, Ёлка")).isEqualTo("quoted-printable");
	}

}
