package io.github.eventsuite.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A soak's heap: the lowest sample of each whole minute, and whether it stayed flat. */
class HeapFloorsTests {

	private static final long MB = 1024 * 1024;

	private static final long LIMIT = 128 * MB;

	@Test
	void takesTheLowestSampleOfEachWholeMinute() {
		HeapFloors heap = new HeapFloors();
		sawtooth(heap, 0, 40);
		sawtooth(heap, 1, 42);
		heap.record(seconds(120), 10 * MB, LIMIT);

		assertThat(heap.floorsMb()).containsExactly(40.0, 42.0);
		assertThat(heap.growthMb()).isEqualTo(2.0);
		assertThat(heap.maxMb()).isEqualTo(128.0);
	}

	@Test
	void isFlatWhileTheFloorGrowsByLessThanATenthOfTheLimit() {
		HeapFloors heap = new HeapFloors();
		for (int minute = 0; minute < 10; minute++) {
			sawtooth(heap, minute, 40 + minute);
		}

		assertThat(heap.growthMb()).isEqualTo(9.0);
		assertThat(heap.flat()).isTrue();
	}

	@Test
	void isNotFlatWhenTheFloorClimbs() {
		HeapFloors heap = new HeapFloors();
		for (int minute = 0; minute < 10; minute++) {
			sawtooth(heap, minute, 40 + 3 * minute);
		}

		assertThat(heap.growthMb()).isEqualTo(27.0);
		assertThat(heap.flat()).isFalse();
	}

	@Test
	void isNotFlatWithoutTwoWholeMinutes() {
		HeapFloors heap = new HeapFloors();
		sawtooth(heap, 0, 40);

		assertThat(heap.growthMb()).isNaN();
		assertThat(heap.flat()).isFalse();
	}

	/** A minute of one-second samples rising from the floor, as between collections. */
	private static void sawtooth(HeapFloors heap, int minute, long floorMb) {
		for (int second = 0; second < 60; second++) {
			heap.record(seconds(60L * minute + second), (floorMb + (second % 10) * 8) * MB, LIMIT);
		}
	}

	private static long seconds(long seconds) {
		return seconds * 1_000_000_000L;
	}

}
