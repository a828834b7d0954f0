/**
 * What Spring AOT, with which the images run the services, asks of their settings, and of
 * the training run of the images' AOT cache.
 */
@NullMarked
package io.github.eventsuite.eventbus.aot;

import org.jspecify.annotations.NullMarked;
