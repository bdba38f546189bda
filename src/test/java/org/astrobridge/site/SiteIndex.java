package org.astrobridge.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.astrobridge.util.AtomicFiles;
import org.scijava.util.FileUtils;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An update site's index, {@code db.xml.gz}: one {@link Record} per file, in the format Fiji's updater reads
 * ({@code ../shared/UPDATE-SITE.md}). A site's own index carries no {@code update-site} elements.
 */
public final class SiteIndex {

	/** The updater's DTD, written inline after the XML declaration as the updater's own writer does. */
	public static final String DTD = readDtd();

	/** A dependency, by version-less path (it may live on another site, e.g. Fiji's own). */
	public record Dependency(String filename) {}

	/** A file's current version. */
	public record Version(long timestamp, String checksum, long filesize, String description,
		List<Dependency> dependencies, List<String> authors)
	{}

	/** An earlier version; filename only when the versioned name differed from the record's current one. */
	public record PreviousVersion(long timestamp, String checksum, String filename) {}

	/** One file of the site; {@code current} is null when the file was removed from the site. */
	public record Record(String filename, List<String> platforms, Version current, List<PreviousVersion> previous) {

		/** The key the updater matches versions and sites by: {@code jars/x-1.2.jar} -> {@code jars/x.jar}. */
		public String key() {
			return versionlessKey(filename);
		}

		/** Where the site keeps this version: {@code <path>-<timestamp>}. */
		public String sitePath() {
			return filename + "-" + current.timestamp();
		}
	}

	private SiteIndex() {}

	public static String versionlessKey(String path) {
		return FileUtils.stripFilenameVersion(path);
	}

	public static void write(Path dbXmlGz, Collection<Record> records) throws IOException {
		ByteArrayOutputStream xml = new ByteArrayOutputStream();
		try {
			XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(xml, "UTF-8");
			w.writeStartDocument("UTF-8", "1.0");
			w.writeCharacters("\n");
			w.writeDTD(DTD);
			w.writeCharacters("\n");
			w.writeStartElement("pluginRecords");
			for (Record r : records)
				writeRecord(w, r);
			w.writeCharacters("\n");
			w.writeEndElement();
			w.writeEndDocument();
			w.close();
		}
		catch (XMLStreamException e) {
			throw new IOException(dbXmlGz + ": cannot write the index: " + e.getMessage(), e);
		}
		AtomicFiles.write(dbXmlGz, tmp -> {
			try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(tmp))) {
				gz.write(xml.toByteArray());
			}
		});
	}

	private static void writeRecord(XMLStreamWriter w, Record r) throws XMLStreamException {
		w.writeCharacters("\n ");
		w.writeStartElement("plugin");
		w.writeAttribute("filename", r.filename());
		for (String p : r.platforms())
			simple(w, "  ", "platform", p);
		Version v = r.current();
		if (v != null) {
			w.writeCharacters("\n  ");
			w.writeStartElement("version");
			w.writeAttribute("checksum", v.checksum());
			w.writeAttribute("timestamp", Long.toString(v.timestamp()));
			w.writeAttribute("filesize", Long.toString(v.filesize()));
			if (v.description() != null) simple(w, "   ", "description", v.description());
			for (Dependency d : v.dependencies()) {
				w.writeCharacters("\n   ");
				w.writeEmptyElement("dependency");
				w.writeAttribute("filename", d.filename());
			}
			for (String a : v.authors())
				simple(w, "   ", "author", a);
			w.writeCharacters("\n  ");
			w.writeEndElement();
		}
		for (PreviousVersion p : r.previous()) {
			w.writeCharacters("\n  ");
			w.writeEmptyElement("previous-version");
			w.writeAttribute("timestamp", Long.toString(p.timestamp()));
			w.writeAttribute("checksum", p.checksum());
			if (p.filename() != null) w.writeAttribute("filename", p.filename());
		}
		w.writeCharacters("\n ");
		w.writeEndElement();
	}

	private static void simple(XMLStreamWriter w, String indent, String name, String text) throws XMLStreamException {
		w.writeCharacters("\n" + indent);
		w.writeStartElement(name);
		w.writeCharacters(text);
		w.writeEndElement();
	}

	/** Reads an index, validating it against its inline DTD when {@code validate} is set. */
	public static Map<String, Record> read(InputStream dbXmlGz, boolean validate) throws IOException {
		SAXParserFactory factory = SAXParserFactory.newInstance();
		factory.setValidating(validate);
		Handler handler = new Handler();
		try (InputStream in = new GZIPInputStream(dbXmlGz)) {
			factory.newSAXParser().parse(in, handler);
		}
		catch (SAXParseException e) {
			throw new IOException("db.xml.gz line " + e.getLineNumber() + ": " + e.getMessage(), e);
		}
		catch (SAXException | ParserConfigurationException e) {
			throw new IOException("db.xml.gz: " + e.getMessage(), e);
		}
		return handler.records;
	}

	public static Map<String, Record> read(Path dbXmlGz) throws IOException {
		try (InputStream in = Files.newInputStream(dbXmlGz)) {
			return read(in, false);
		}
	}

	/** Builds records from SAX events; validation errors are fatal, as a broken index must not be used. */
	private static final class Handler extends DefaultHandler {

		final Map<String, Record> records = new LinkedHashMap<>();
		private String filename;
		private List<String> platforms;
		private Version version;
		private List<PreviousVersion> previous;
		private long[] versionNumbers;
		private String versionChecksum;
		private String description;
		private List<Dependency> dependencies;
		private List<String> authors;
		private final StringBuilder text = new StringBuilder();

		@Override
		public void startElement(String uri, String local, String name, Attributes a) {
			text.setLength(0);
			switch (name) {
				case "plugin" -> {
					filename = a.getValue("filename");
					platforms = new ArrayList<>();
					previous = new ArrayList<>();
					version = null;
				}
				case "version" -> {
					versionNumbers = new long[] { Long.parseLong(a.getValue("timestamp")), Long.parseLong(a.getValue(
						"filesize")) };
					versionChecksum = a.getValue("checksum");
					description = null;
					dependencies = new ArrayList<>();
					authors = new ArrayList<>();
				}
				case "dependency" -> dependencies.add(new Dependency(a.getValue("filename")));
				case "previous-version" -> previous.add(new PreviousVersion(Long.parseLong(a.getValue("timestamp")), a.getValue(
					"checksum"), a.getValue("filename")));
				default -> {}
			}
		}

		@Override
		public void characters(char[] ch, int start, int length) {
			text.append(ch, start, length);
		}

		@Override
		public void endElement(String uri, String local, String name) {
			switch (name) {
				case "platform" -> platforms.add(text.toString().trim());
				case "description" -> description = text.toString();
				case "author" -> authors.add(text.toString());
				case "version" -> version = new Version(versionNumbers[0], versionChecksum, versionNumbers[1], description, List
					.copyOf(dependencies), List.copyOf(authors));
				case "plugin" -> {
					Record r = new Record(filename, List.copyOf(platforms), version, List.copyOf(previous));
					if (records.put(r.key(), r) != null) throw new IllegalStateException("two records share the key " + r.key());
				}
				default -> {}
			}
		}

		@Override
		public void error(SAXParseException e) throws SAXException {
			throw e;
		}
	}

	private static String readDtd() {
		try (InputStream in = SiteIndex.class.getResourceAsStream("pluginRecords.dtd")) {
			if (in == null) throw new IllegalStateException("pluginRecords.dtd is not on the classpath");
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
