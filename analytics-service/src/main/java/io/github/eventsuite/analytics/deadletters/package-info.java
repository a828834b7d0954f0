@NullMarked
package io.github.eventsuite.analytics.deadletters;

import org.jspecify.annotations.NullMarked;
