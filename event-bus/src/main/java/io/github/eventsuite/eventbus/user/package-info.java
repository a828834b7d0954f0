@NullMarked
package io.github.eventsuite.eventbus.user;

import org.jspecify.annotations.NullMarked;
