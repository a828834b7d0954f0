/** What the services' HTTP APIs share: problem details written outside any controller. */
@NullMarked
package io.github.eventsuite.eventbus.web;

import org.jspecify.annotations.NullMarked;
