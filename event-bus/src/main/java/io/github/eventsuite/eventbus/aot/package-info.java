/** What Spring AOT, with which the images run the services, asks of their settings. */
@NullMarked
package io.github.eventsuite.eventbus.aot;

import org.jspecify.annotations.NullMarked;
