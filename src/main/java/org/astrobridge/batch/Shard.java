package org.astrobridge.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * One of {@code count} parts of a batch: shard {@code k/N} (1-based, as users write it) takes the files whose name
 * hashes to {@code k-1} modulo N. The hash is of the file name only (SHA-256, not {@link String#hashCode}, whose low
 * bits spread short names poorly), so the split does not depend on listing order, the folder's path or the machine: the
 * same N gives every file the same shard everywhere, and a resubmitted task finds its own files again.
 */
public record Shard(int index,int count){
/** The whole batch in one part. */
public static final Shard ALL=new Shard(1,1);

public Shard{if(count<1||index<1||index>count){throw new IllegalArgumentException("shard "+index+"/"+count+" is not one of 1/N .. N/N with N >= 1");}}

/** Parses {@code K/N}, e.g. {@code 2/8}; the message names the text when it is malformed or out of range. */
public static Shard parse(String text){String[]parts=text.trim().split("/",-1);if(parts.length!=2)throw new IllegalArgumentException("shard '"+text+"' is not K/N (e.g. 2/8)");int k;int n;try{k=Integer.parseInt(parts[0].trim());n=Integer.parseInt(parts[1].trim());}catch(NumberFormatException e){throw new IllegalArgumentException("shard '"+text+"' is not K/N with whole numbers (e.g. 2/8)");}if(n<1||k<1||k>n){throw new IllegalArgumentException("shard '"+text+"' is out of range: K must be 1..N and N at least 1");}return new Shard(k,n);}

/**
 * The shard of a SLURM array task, or null outside an array. Task ids need not start at 0 or 1 ({@code --array=5-8} is
 * shard 1/4 .. 4/4), but they must be contiguous: with gaps ({@code --array=1,3,7}) ids do not map onto 1..N, so that
 * is refused rather than guessed.
 */
public static Shard fromSlurm(Map<String,String>env){String id=env.get("SLURM_ARRAY_TASK_ID");if(id==null||id.isBlank())return null;try{int task=Integer.parseInt(id.trim());int count=Integer.parseInt(env.getOrDefault("SLURM_ARRAY_TASK_COUNT","").trim());int min=Integer.parseInt(env.getOrDefault("SLURM_ARRAY_TASK_MIN","0").trim());int max=Integer.parseInt(env.getOrDefault("SLURM_ARRAY_TASK_MAX",String.valueOf(min+count-1)).trim());if(max-min+1!=count){throw new IllegalArgumentException("SLURM array ids "+min+".."+max+" are not contiguous ("+count+" tasks); submit --array=MIN-MAX or give shard=K/N");}return new Shard(task-min+1,count);}catch(NumberFormatException e){throw new IllegalArgumentException("SLURM array variables are not numbers (SLURM_ARRAY_TASK_ID="+id+", SLURM_ARRAY_TASK_COUNT="+env.get("SLURM_ARRAY_TASK_COUNT")+")");}}

/** Whether this shard takes the file of that name. */
public boolean takes(String fileName){return count==1||bucket(fileName,count)==index-1;}

/** The files of the list this shard takes, in list order. */
public<T>List<T>select(List<T>files,java.util.function.Function<T,String>name){return files.stream().filter(f->takes(name.apply(f))).toList();}

static int bucket(String fileName,int n){try{byte[]h=MessageDigest.getInstance("SHA-256").digest(fileName.getBytes(StandardCharsets.UTF_8));long v=0;for(int i=0;i<8;i++)v=(v<<8)|(h[i]&0xff);return(int)Long.remainderUnsigned(v,n);}catch(NoSuchAlgorithmException e){throw new IllegalStateException("every Java runtime has SHA-256",e);}}

@Override public String toString(){return index+"/"+count;}}
