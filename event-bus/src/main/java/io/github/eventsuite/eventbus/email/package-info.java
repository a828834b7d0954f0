@NullMarked
package io.github.eventsuite.eventbus.email;

import org.jspecify.annotations.NullMarked;
