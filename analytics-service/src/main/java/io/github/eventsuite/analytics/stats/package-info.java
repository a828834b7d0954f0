@NullMarked
package io.github.eventsuite.analytics.stats;

import org.jspecify.annotations.NullMarked;
