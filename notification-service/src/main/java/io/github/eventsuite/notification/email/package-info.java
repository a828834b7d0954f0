@NullMarked
package io.github.eventsuite.notification.email;

import org.jspecify.annotations.NullMarked;
