package io.github.eventsuite.eventbus.kafka;

import java.lang.management.ManagementFactory;

import tools.jackson.databind.ObjectReader;

import io.github.eventsuite.eventbus.email.EmailSent;

/** EvOne mapper|reader: one way of reading an email.sent, alone in its JVM; 10 rounds of 500,000, the last 5 reported. */
public class EvOne {
	static Object sink;
	public static void main(String[] a) throws Exception {
		var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		byte[] data = "{\"envelope\":{\"eventId\":\"e79c7542-5cbe-3bac-9f21-a65de5c4ccf1\",\"eventType\":\"email.sent\",\"schemaVersion\":1,\"occurredAt\":\"2026-12-07T17:45:25.828228993Z\",\"correlationId\":\"scale\"},\"userId\":\"c154627e-75db-46d3-945e-cbdbbba31678\",\"template\":\"welcome\",\"messageId\":\"<w.c154627e-75db-46d3-945e-cbdbbba31678@x>\",\"sentAt\":\"2026-12-07T17:45:25.828228993Z\"}".getBytes();
		ObjectReader reader = EventJson.MAPPER.readerFor(EmailSent.class);
		boolean viaReader = a[0].equals("reader");
		StringBuilder out = new StringBuilder(a[0]);
		for (int round = 0; round < 10; round++) {
			long t = Thread.currentThread().getId(); long b0 = mx.getThreadAllocatedBytes(t); long n0 = System.nanoTime();
			int n = 500_000;
			for (int i = 0; i < n; i++) {
				sink = viaReader ? reader.readValue(data) : EventJson.MAPPER.readValue(data, EmailSent.class);
			}
			if (round >= 5) out.append(String.format(" %.2f", (System.nanoTime() - n0) / 1e3 / n));
			if (round == 9) out.append(String.format(" us; %d B", (mx.getThreadAllocatedBytes(t) - b0) / n));
		}
		System.out.println(out);
	}
}
