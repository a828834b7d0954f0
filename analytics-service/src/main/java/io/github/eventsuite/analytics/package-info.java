@NullMarked
package io.github.eventsuite.analytics;

import org.jspecify.annotations.NullMarked;
