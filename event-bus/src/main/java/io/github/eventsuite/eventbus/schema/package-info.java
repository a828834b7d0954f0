@NullMarked
package io.github.eventsuite.eventbus.schema;

import org.jspecify.annotations.NullMarked;
