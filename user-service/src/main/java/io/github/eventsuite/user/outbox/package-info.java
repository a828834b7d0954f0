@NullMarked
package io.github.eventsuite.user.outbox;

import org.jspecify.annotations.NullMarked;
