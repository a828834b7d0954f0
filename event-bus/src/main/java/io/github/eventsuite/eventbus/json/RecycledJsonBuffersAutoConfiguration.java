package io.github.eventsuite.eventbus.json;

import java.util.List;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

/**
 * Boot's JSON mapper on a factory whose buffers are recycled per thread. Spring Framework
 * 7.0.8's Jackson encoders take a buffer recycler from the factory's pool and never give it
 * back (spring-framework#37058), and Jackson 3's default pool is refilled only by those
 * returns: every response body encoded allocated about 19 KB of fresh buffers, a tenth of all
 * that user-service allocated per registration (#14). A thread-local pool needs no return.
 * Goes when the Boot BOM brings Spring Framework 7.0.9, which returns them (#37059).
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
public class RecycledJsonBuffersAutoConfiguration {

	/** As Boot's own builder, on the thread-local pool. */
	@Bean
	@Scope("prototype")
	@ConditionalOnMissingBean
	JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
		JsonMapper.Builder builder = JsonMapper
			.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build());
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

}
