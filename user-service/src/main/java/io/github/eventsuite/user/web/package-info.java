@NullMarked
package io.github.eventsuite.user.web;

import org.jspecify.annotations.NullMarked;
