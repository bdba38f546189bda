package org.astrobridge.ij;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.astrobridge.model.Predictor;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;

/** One or more model packages opened together (paths separated by ','), with names for tables and legends. */
final class ModelSet implements AutoCloseable {

	final List<Predictor> predictors = new ArrayList<>();
	final List<String> names = new ArrayList<>();

	private ModelSet() {}

	static ModelSet open(String paths, SessionSettings settings) {
		if (paths == null || paths.isBlank()) throw new CommandException(
			"no model given: pass one or two model packages separated by ','");
		ModelSet set = new ModelSet();
		Set<String> seen = new HashSet<>();
		try {
			for (String part : paths.split(",")) {
				if (part.isBlank()) continue;
				Path path = Path.of(part.trim());
				set.predictors.add(Predictor.open(path, settings));
				String name = path.getFileName().toString().replaceFirst("\\.zip$", "");
				while (!seen.add(name))
					name = name + "'";
				set.names.add(name);
			}
			String[] classes = set.predictors.get(0).card().classNames();
			for (int m = 1; m < set.predictors.size(); m++)
				if (!Arrays.equals(classes, set.predictors.get(m).card().classNames())) throw new CommandException("models " +
					set.names.get(0) + " and " + set.names.get(m) + " have different classes: " + Arrays.toString(classes) +
					" and " + Arrays.toString(set.predictors.get(m).card().classNames()));
			return set;
		}
		catch (IOException e) {
			set.close();
			throw new CommandException(e.getMessage(), e);
		}
		catch (RuntimeException e) {
			set.close();
			throw e;
		}
	}

	String[] classNames() {
		return predictors.get(0).card().classNames();
	}

	/**
	 * The stamps with their labels re-expressed as indices of the models' classes, matched by name; stamps of classes the
	 * models do not know become unlabelled. Unlabelled sets pass through with the models' class names.
	 */
	StampSet relabel(StampSet set, String what) {
		String[] classes = classNames();
		StampSet mapped = set.relabelled(classes);
		if (set.labels() != null && Arrays.stream(mapped.labels()).allMatch(l -> l < 0)) {
			throw new CommandException(what + ": no stamp carries a class the model knows " + Arrays.toString(classes) +
				" (the stamps' classes are " + Arrays.toString(set.classNames()) + ")");
		}
		return mapped;
	}

	@Override
	public void close() {
		for (Predictor p : predictors)
			p.close();
	}
}
