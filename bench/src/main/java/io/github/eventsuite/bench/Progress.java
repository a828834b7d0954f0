package io.github.eventsuite.bench;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/** One line on the terminal, redrawn: what runs and how far it is. */
final class Progress {

	private static final int WIDTH = 30;

	private final PrintStream out;

	private final AtomicInteger done = new AtomicInteger();

	private volatile String label = "";

	private volatile int total = 1;

	private volatile long lastDrawn;

	Progress(PrintStream out) {
		this.out = out;
	}

	void begin(String label, int total) {
		this.label = label;
		this.total = Math.max(1, total);
		this.done.set(0);
		draw(true);
	}

	void step() {
		this.done.incrementAndGet();
		draw(false);
	}

	void at(int done) {
		this.done.set(done);
		draw(false);
	}

	void end() {
		this.done.set(this.total);
		draw(true);
		this.out.println();
	}

	void note(String message) {
		this.out.println(message);
	}

	private void draw(boolean always) {
		long now = System.nanoTime();
		if (!always && now - this.lastDrawn < 200_000_000L) {
			return;
		}
		this.lastDrawn = now;
		int done = Math.min(this.done.get(), this.total);
		int filled = done * WIDTH / this.total;
		this.out.print("\r  [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + (done * 100 / this.total)
				+ "% " + this.label + "   ");
		this.out.flush();
	}

}
