package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;

import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;
import org.junit.jupiter.api.Test;

/**
 * The order of Fiji's own (SciJava) dialog. Its input harvester builds the panel by walking
 * {@code module.getInfo().inputs()} in order (scijava-common's {@code AbstractInputHarvester.buildPanel}), and
 * {@link CommandInfo} lists the {@code @Parameter} fields of the superclasses first, then the class's own in
 * declaration order ({@code ClassUtils.getAnnotatedFields}); there is no order attribute. Read from scijava-common
 * 2.99.0's sources; Fiji itself was not run. This checks the order {@link CommandInfo} gives, which is that order.
 */
class SciJavaDialogOrderTest {

	/** Visible dialog rows in SciJava's order: parameter names, and headings as "#Heading". */
	static List<String> rows(Class<? extends org.scijava.command.Command> command) {
		List<String> rows = new ArrayList<>();
		for (ModuleItem<?> item : new CommandInfo(command).inputs()) {
			if (item.getVisibility() == ItemVisibility.MESSAGE) rows.add("#" + DialogGroups.text(item.getDefaultValue()));
			else if (item.getVisibility() == ItemVisibility.INVISIBLE || Service.class.isAssignableFrom(item.getType()) ||
				org.scijava.Context.class.isAssignableFrom(item.getType()) || ImagePlus.class.isAssignableFrom(item.getType()))
				continue;
			else rows.add(item.getName());
		}
		return rows;
	}

	/** The essentials, then the first heading: a command whose parameters are all its own shows them first. */
	@Test
	void ownParametersPutTheEssentialsBeforeTheFirstGroup() {
		assertEquals(List.of("source", "target", "method", "output", "#Labels"), rows(TrainClassifierCommand.class).subList(
			0, 5));
		assertEquals(List.of("models", "stamps", "output", "#Labels and perturbations"), rows(RobustnessReportCommand.class)
			.subList(0, 4));
		for (CommandRegistry.Entry e : CommandRegistry.entries()) {
			if (e.commandClass().getSuperclass() != Object.class) continue; // inherited parameters: see below
			List<String> rows = rows(e.commandClass());
			int firstHeading = rows.stream().filter(r -> r.startsWith("#")).findFirst().map(rows::indexOf).orElse(rows
				.size());
			for (ModuleItem<?> item : new CommandInfo(e.commandClass()).inputs()) {
				if (item.get("essential") != null || item.get("positional") != null) {
					assertTrue(rows.indexOf(item.getName()) < firstHeading, e.label() + ": " + item.getName() +
						" comes after a group heading in " + rows);
				}
			}
		}
	}

	/**
	 * Classify Objects and Classify Folder inherit the shared parameters: Fiji shows those first (the model and the
	 * output folder lead), and the command's own input after the base's groups, under its own heading "Input".
	 */
	@Test
	void inheritedParametersComeFirstAndTheInputHasItsOwnHeading() {
		for (Class<? extends org.scijava.command.Command> c : List.of(ClassifyObjectsCommand.class,
			ClassifyFolderCommand.class))
		{
			List<String> rows = rows(c);
			assertEquals(List.of("model", "output", "overlay"), rows.subList(0, 3), c.getSimpleName() + ": " + rows);
			String input = c == ClassifyObjectsCommand.class ? "image" : "folder";
			assertEquals("#Input", rows.get(rows.indexOf(input) - 1), c.getSimpleName() + ": " + rows);
		}
	}
}
