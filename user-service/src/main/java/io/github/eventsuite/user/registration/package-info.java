@NullMarked
package io.github.eventsuite.user.registration;

import org.jspecify.annotations.NullMarked;
