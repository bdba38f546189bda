package org.astrobridge.fits;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The HDU structure of a FITS file (plain or gzip-compressed as a whole): every header, where each data segment starts
 * and how long it is. Claimed data sizes are checked against the file before anything is allocated.
 */
final class FitsLayout {

	static final int BLOCK = 2880;
	private static final int MAX_HEADER_BLOCKS = 10_000;
	/** Deflate's largest expansion: 258 bytes from every 2 bits of a run-length code, about 1032:1. */
	static final long MAX_GZIP_RATIO = 1032;

	enum Kind {
			IMAGE, COMPRESSED_IMAGE, BINTABLE, TABLE, RANDOM_GROUPS, EMPTY, OTHER
	}

	record Hdu(int index, FitsHeader header, long dataStart, long dataBytes, Kind kind) {
		String extname() {
			String n = header.getString("EXTNAME");
			return n == null || n.isBlank() ? (index == 0 ? "PRIMARY" : null) : n.trim();
		}

		int extver() {
			return (int) header.getLong("EXTVER", 1);
		}

		/** "2 (SCI,1)" style label for messages. */
		String label() {
			String n = extname();
			return n == null ? Integer.toString(index) : index + " (" + n + "," + extver() + ")";
		}
	}

	final Path file;
	final boolean gzip;
	final long fileLength;
	final List<Hdu> hdus;

	private FitsLayout(Path file, boolean gzip, long fileLength, List<Hdu> hdus) {
		this.file = file;
		this.gzip = gzip;
		this.fileLength = fileLength;
		this.hdus = Collections.unmodifiableList(hdus);
	}

	static FitsLayout scan(Path file) throws FitsException {
		if (file == null) {
			throw new FitsException("no FITS file given");
		}
		if (!Files.exists(file)) {
			throw new FitsException(file + ": no such file");
		}
		if (Files.isDirectory(file)) {
			throw new FitsException(file + ": is a directory, not a FITS file");
		}
		try {
			long length = Files.size(file);
			boolean gz = isGzip(file);
			try (InputStream in = open(file, gz)) {
				return new FitsLayout(file, gz, length, scanStream(file, in, gz ? -1 : length, length));
			}
		}
		catch (FitsException e) {
			throw e;
		}
		catch (NoSuchFileException e) {
			throw new FitsException(file + ": no such file", e);
		}
		catch (IOException e) {
			throw new FitsException(file + ": cannot read: " + e.getMessage(), e);
		}
	}

	private static boolean isGzip(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] magic = in.readNBytes(2);
			return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
		}
	}

	static InputStream open(Path file, boolean gzip) throws IOException {
		InputStream raw = Files.newInputStream(file);
		return gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : new BufferedInputStream(raw,
			1 << 16);
	}

	/** A channel positioned at the data segment of an HDU (the caller closes it). */
	ReadableByteChannel dataChannel(Hdu hdu) throws IOException {
		if (!gzip) {
			FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
			ch.position(hdu.dataStart());
			return ch;
		}
		InputStream in = open(file, true);
		try {
			in.skipNBytes(hdu.dataStart());
		}
		catch (EOFException e) {
			in.close();
			throw new FitsException(file + ": truncated before the data of HDU " + hdu.label(), e);
		}
		return Channels.newChannel(in);
	}

	/** Fills {@code buf} from the start of the HDU's data; {@code truncated} is the message when the data ends first. */
	void readData(Hdu hdu, ByteBuffer buf, String truncated) throws IOException {
		try (ReadableByteChannel ch = dataChannel(hdu)) {
			while (buf.hasRemaining()) {
				if (ch.read(buf) < 0) {
					throw new FitsException(truncated);
				}
			}
		}
	}

	/** The whole (decompressed) file as a stream, for nom-tam-fits. */
	InputStream stream() throws IOException {
		return open(file, gzip);
	}

	/** {@code length} is the length of the FITS stream, -1 when unknown (gzip); {@code compressedLength} the file's. */
	private static List<Hdu> scanStream(Path file, InputStream in, long length, long compressedLength)
		throws IOException
	{
		List<Hdu> hdus = new ArrayList<>();
		long pos = 0;
		byte[] block = new byte[BLOCK];
		while (true) {
			int index = hdus.size();
			int n = in.readNBytes(block, 0, BLOCK);
			if (n == 0 && index > 0) {
				break;
			}
			if (index == 0 && !startsWith(block, n, "SIMPLE  =")) {
				throw new FitsException(file + ": not a FITS file (it does not start with a SIMPLE card)");
			}
			if (index > 0 && !startsWith(block, n, "XTENSION=")) {
				break; // trailing bytes after the last HDU are tolerated, as astropy does
			}
			if (n < BLOCK) {
				throw new FitsException(file + ": truncated in the header of HDU " + index + " (file ends after " + (pos + n) +
					" bytes)");
			}
			FitsHeader header = new FitsHeader();
			int blocks = 1;
			boolean end = parseBlock(block, header, file, index);
			while (!end) {
				if (++blocks > MAX_HEADER_BLOCKS) {
					throw new FitsException(file + ": header of HDU " + index + " has no END card within " + MAX_HEADER_BLOCKS +
						" blocks");
				}
				n = in.readNBytes(block, 0, BLOCK);
				if (n < BLOCK) {
					throw new FitsException(file + ": truncated in the header of HDU " + index +
						" (no END card before the end of the file)");
				}
				end = parseBlock(block, header, file, index);
			}
			long dataStart = pos + (long) blocks * BLOCK;
			long dataBytes = dataBytes(header, file, index);
			Kind kind = kind(header, index, dataBytes);
			long padded = (dataBytes + BLOCK - 1) / BLOCK * BLOCK;
			if (length >= 0) {
				if (dataBytes > length - dataStart) {
					throw new FitsException(file + ": truncated: the header of HDU " + index + " claims " + dataBytes +
						" bytes of data (" + sizeKeywords(header, index) + ") but only " + Math.max(0, length - dataStart) +
						" bytes remain in the file");
				}
				long skip = Math.min(padded, length - dataStart);
				in.skipNBytes(skip);
				hdus.add(new Hdu(index, header, dataStart, dataBytes, kind));
				pos = dataStart + skip;
				if (pos >= length) {
					break;
				}
			}
			else {
				if (dataStart + dataBytes > MAX_GZIP_RATIO * compressedLength + BLOCK) {
					throw new FitsException(file + ": the header of HDU " + index + " claims " + dataBytes + " bytes of data (" +
						sizeKeywords(header, index) + "), more than " + compressedLength +
						" bytes of gzip can hold (deflate expands at most " + MAX_GZIP_RATIO + " times)");
				}
				try {
					in.skipNBytes(dataBytes);
				}
				catch (EOFException e) {
					throw new FitsException(file + ": truncated: the header of HDU " + index + " claims " + dataBytes +
						" bytes of data (" + sizeKeywords(header, index) + ") but the compressed file ends before that", e);
				}
				long extra = padded - dataBytes;
				long skipped = in.skip(extra);
				while (skipped < extra && in.read() >= 0) {
					skipped++;
				}
				hdus.add(new Hdu(index, header, dataStart, dataBytes, kind));
				pos = dataStart + dataBytes + skipped;
				if (skipped < extra) {
					break;
				}
			}
		}
		return hdus;
	}

	private static boolean startsWith(byte[] block, int n, String prefix) {
		if (n < prefix.length()) {
			return false;
		}
		return new String(block, 0, prefix.length(), StandardCharsets.US_ASCII).equals(prefix);
	}

	private static boolean parseBlock(byte[] block, FitsHeader header, Path file, int index) throws FitsException {
		for (int c = 0; c < 36; c++) {
			int off = c * 80;
			for (int k = 0; k < 80; k++) {
				int b = block[off + k] & 0xff;
				if (b < 32 || b > 126) {
					throw new FitsException(file + ": header of HDU " + index + " contains a non-ASCII byte (0x" + Integer
						.toHexString(b) + ") in card " + (header.size() + 1) + "; the file is damaged or not FITS");
				}
			}
			String card = new String(block, off, 80, StandardCharsets.US_ASCII);
			if (card.startsWith("END") && card.substring(3).isBlank()) {
				return true;
			}
			if (card.isBlank()) {
				continue;
			}
			header.add(FitsHeader.parseCard(card));
		}
		return false;
	}

	/** True for the BITPIX values of the standard: 8, 16, 32, 64, -32, -64. */
	static boolean isBitpix(long bitpix) {
		return bitpix == 8 || bitpix == 16 || bitpix == 32 || bitpix == 64 || bitpix == -32 || bitpix == -64;
	}

	private static long dataBytes(FitsHeader h, Path file, int index) throws FitsException {
		long bitpix = h.getLong("BITPIX", 0);
		if (!isBitpix(bitpix)) {
			throw new FitsException(file + ": HDU " + index + " has an invalid BITPIX (" + h.getString("BITPIX") + ")");
		}
		long naxis = h.getLong("NAXIS", -1);
		if (naxis < 0 || naxis > 999) {
			throw new FitsException(file + ": HDU " + index + " has an invalid NAXIS (" + h.getString("NAXIS") + ")");
		}
		if (naxis == 0) {
			return 0;
		}
		boolean groups = index == 0 && h.getBoolean("GROUPS", false) && h.getLong("NAXIS1", -1) == 0;
		try {
			long count = 1;
			for (int i = 1; i <= naxis; i++) {
				long len = h.getLong("NAXIS" + i, -1);
				if (len < 0) {
					throw new FitsException(file + ": HDU " + index + " has a missing or negative NAXIS" + i);
				}
				if (!(groups && i == 1)) {
					count = Math.multiplyExact(count, len);
				}
			}
			long pcount = index == 0 && !groups ? 0 : h.getLong("PCOUNT", 0);
			long gcount = index == 0 && !groups ? 1 : h.getLong("GCOUNT", 1);
			if (pcount < 0 || gcount < 0) {
				throw new FitsException(file + ": HDU " + index + " has a negative PCOUNT or GCOUNT");
			}
			return Math.multiplyExact(Math.abs(bitpix) / 8, Math.multiplyExact(gcount, Math.addExact(pcount, count)));
		}
		catch (ArithmeticException e) {
			throw new FitsException(file + ": header of HDU " + index + " claims an absurd data size (overflow)", e);
		}
	}

	/** "BITPIX = 16, NAXIS1 x NAXIS2 = 100 x 200, PCOUNT = 0": the keywords a data size comes from. */
	private static String sizeKeywords(FitsHeader h, int index) {
		StringBuilder keys = new StringBuilder("BITPIX = " + h.getLong("BITPIX", 0));
		long naxis = h.getLong("NAXIS", 0);
		StringBuilder names = new StringBuilder();
		StringBuilder values = new StringBuilder();
		for (int i = 1; i <= naxis; i++) {
			names.append(i > 1 ? " x " : "").append("NAXIS").append(i);
			values.append(i > 1 ? " x " : "").append(h.getLong("NAXIS" + i, -1));
		}
		if (naxis > 0) {
			keys.append(", ").append(names).append(" = ").append(values);
		}
		if (index > 0 || h.contains("PCOUNT")) {
			keys.append(", PCOUNT = ").append(h.getLong("PCOUNT", 0));
		}
		return keys.toString();
	}

	private static Kind kind(FitsHeader h, int index, long dataBytes) {
		if (index == 0) {
			if (h.getBoolean("GROUPS", false) && h.getLong("NAXIS1", -1) == 0) {
				return Kind.RANDOM_GROUPS;
			}
			return dataBytes == 0 ? Kind.EMPTY : Kind.IMAGE;
		}
		String x = h.getString("XTENSION");
		x = x == null ? "" : x.trim().toUpperCase(Locale.ROOT);
		switch (x) {
			case "IMAGE", "IUEIMAGE" -> {
				return dataBytes == 0 ? Kind.EMPTY : Kind.IMAGE;
			}
			case "BINTABLE" -> {
				return h.getBoolean("ZIMAGE", false) ? Kind.COMPRESSED_IMAGE : Kind.BINTABLE;
			}
			case "TABLE" -> {
				return Kind.TABLE;
			}
			default -> {
				return Kind.OTHER;
			}
		}
	}
}
