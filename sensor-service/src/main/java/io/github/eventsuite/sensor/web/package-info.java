@NullMarked
package io.github.eventsuite.sensor.web;

import org.jspecify.annotations.NullMarked;
