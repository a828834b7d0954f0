@NullMarked
package io.github.eventsuite.user;

import org.jspecify.annotations.NullMarked;
