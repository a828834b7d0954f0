@NullMarked
package io.github.eventsuite.notification;

import org.jspecify.annotations.NullMarked;
