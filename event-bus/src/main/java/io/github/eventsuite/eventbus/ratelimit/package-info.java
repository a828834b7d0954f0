/** Limits on how often one client (an address, a device) may call, shared by the services' APIs. */
@NullMarked
package io.github.eventsuite.eventbus.ratelimit;

import org.jspecify.annotations.NullMarked;
