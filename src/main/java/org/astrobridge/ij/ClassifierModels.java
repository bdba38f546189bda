package org.astrobridge.ij;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.astrobridge.classify.ClassifySettings;
import org.astrobridge.classify.FieldClassifier;
import org.astrobridge.model.ModelException;
import org.astrobridge.model.Predictor;
import org.astrobridge.nn.SessionSettings;

/** The model of Classify Objects / Classify Folder and, optionally, further ensemble members, opened together. */
final class ClassifierModels implements AutoCloseable {

	private final List<Predictor> predictors = new ArrayList<>();
	private final List<String> names = new ArrayList<>();

	/**
	 * @param ensemble further model packages separated by ',' (null or blank for none)
	 */
	static ClassifierModels open(String command, File model, String ensemble, SessionSettings session)
		throws ModelException
	{
		List<Path> paths = new ArrayList<>();
		File m = StampInput.orNull(model);
		if (m == null) throw new CommandException(command + ": no model package given (model=FILE)");
		paths.add(m.toPath());
		if (ensemble != null) {
			for (String part : ensemble.split(",")) {
				if (!part.isBlank()) paths.add(Path.of(part.trim()));
			}
		}
		ClassifierModels set = new ClassifierModels();
		try {
			for (Path p : paths) {
				set.predictors.add(Predictor.open(p, session));
				set.names.add(p.toString());
			}
			return set;
		}
		catch (ModelException | RuntimeException e) {
			set.close();
			throw e;
		}
	}

	/** The first model (its card sets stamp geometry and pixel scale). */
	Predictor first() {
		return predictors.get(0);
	}

	FieldClassifier classifier(ClassifySettings settings) {
		return new FieldClassifier(predictors, settings, names);
	}

	/** The model paths as given, ',' separated. */
	String description() {
		return String.join(",", names);
	}

	@Override
	public void close() {
		for (Predictor p : predictors)
			p.close();
	}
}
