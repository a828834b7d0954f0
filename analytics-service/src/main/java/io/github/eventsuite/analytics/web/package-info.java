@NullMarked
package io.github.eventsuite.analytics.web;

import org.jspecify.annotations.NullMarked;
