@NullMarked
package io.github.eventsuite.eventbus;

import org.jspecify.annotations.NullMarked;
