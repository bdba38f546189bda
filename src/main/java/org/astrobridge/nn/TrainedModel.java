package org.astrobridge.nn;

import java.util.List;
import java.util.Map;

/**
 * A trained network with everything a model package records about it.
 *
 * @param network architecture name ({@link Network#byName})
 * @param weights variable values by name (label network only; the domain head is not kept)
 * @param options every training option, defaults included
 * @param history one report per completed epoch
 * @param bestEpoch the epoch whose weights these are (0 if cancelled before the first epoch ended)
 * @param stopReason "completed", "early-stopped" or "cancelled"
 * @param sourceValidation metrics on the held-out source validation split
 * @param target metrics on the target set when it is labelled, else null (never used for selection)
 * @param latent latent statistics for out-of-distribution scores
 * @param provenance what it was trained on (domains, counts, provenance strings)
 * @param placement devices the ops ran on, from a traced training step
 */
public record TrainedModel(String network,int height,int width,int bands,String[]classNames,Normalisation normalisation,TrainingOptions options,Map<String,float[]>weights,List<EpochReport>history,int bestEpoch,String stopReason,Evaluation sourceValidation,Evaluation target,LatentStatistics latent,Map<String,Object>provenance,String placement,double trainingSeconds){

public int classCount(){return classNames.length;}

/** An inference graph over these weights (close it after use). */
public InferenceGraph inferenceGraph(SessionSettings settings){return new InferenceGraph(Network.byName(network),height,width,bands,classNames.length,weights,settings);}

/** Normalises and predicts a stamp set whose geometry matches this model. */
public Prediction predict(StampSet stamps,SessionSettings settings){checkGeometry(stamps);try(InferenceGraph g=inferenceGraph(settings)){return g.predict(normalisation.apply(stamps),stamps.count(),256);}}

/** Throws with a precise message when the stamps differ from what the model was trained on. */
public void checkGeometry(StampSet stamps){StringBuilder s=new StringBuilder();if(stamps.width()!=width||stamps.height()!=height)s.append("stamp size ").append(stamps.width()).append('x').append(stamps.height()).append(" but the model expects ").append(width).append('x').append(height);if(stamps.bands()!=bands){if(s.length()>0)s.append("; ");s.append(stamps.bands()).append(" bands but the model expects ").append(bands);}if(s.length()>0)throw new IllegalArgumentException("stamps do not fit the model: "+s);}}
