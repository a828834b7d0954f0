package io.github.eventsuite.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

final class Directories {

	private Directories() {
	}

	static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		List<Path> paths;
		try (Stream<Path> walk = Files.walk(directory)) {
			paths = walk.sorted(Comparator.reverseOrder()).toList();
		}
		for (Path path : paths) {
			Files.delete(path);
		}
	}

	/** Hands a directory tree to another user (as root: PostgreSQL refuses to run as root). */
	static void changeOwner(Path directory, int uid, int gid) throws IOException {
		List<Path> paths;
		try (Stream<Path> walk = Files.walk(directory)) {
			paths = walk.toList();
		}
		for (Path path : paths) {
			Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
			Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
		}
	}

	static boolean runningAsRoot() {
		try {
			return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return false;
		}
	}

}
