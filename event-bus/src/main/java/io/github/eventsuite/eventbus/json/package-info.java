/** The JSON mapper every service's web layer shares. */
@NullMarked
package io.github.eventsuite.eventbus.json;

import org.jspecify.annotations.NullMarked;
