package io.github.eventsuite.user.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay ({@code user.outbox.*}).
 *
 * @param pollInterval how often the relay looks for events besides being woken by commits
 * @param batchSize events published per round at most
 */
@Validated
@ConfigurationProperties("user.outbox")
record OutboxProperties(@DefaultValue("1s") @NotNull Duration pollInterval,
		@DefaultValue("500") @Min(1) @Max(10000) int batchSize) {

}
