package org.astrobridge.sim;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Circular profiles written as sums of concentric Gaussians (Hogg &amp; Lang 2013). A Gaussian convolved with a
 * Gaussian PSF stays a Gaussian, so Sersic galaxies seen through a Moffat PSF render analytically: exact flux, exact
 * sub-pixel positions, no supersampling grid.
 * <p>
 * {@code weights} sum to 1 (the flux fraction of each Gaussian); {@code sigmas} are in units of the profile's scale
 * (the half-light radius for Sersic, the FWHM for Moffat).
 */
public record GaussianMixture(double[]weights,double[]sigmas){

private static final Map<Long,GaussianMixture>SERSIC_CACHE=new ConcurrentHashMap<>();

public int size(){return weights.length;}

/** Sersic profile of index n (0.5..8) with unit half-light radius, truncated smoothly beyond 8 Re as in The Tractor. */
public static GaussianMixture sersic(double n){if(!(n>=0.3&&n<=8)){throw new IllegalArgumentException("Sersic index must lie in 0.3..8, got "+n);}long key=Math.round(n*100);return SERSIC_CACHE.computeIfAbsent(key,k->fitSersic(k/100.0));}

/** Sersic b_n such that Re encloses half the light (Ciotti &amp; Bertin 1999 expansion). */
public static double sersicB(double n){return 2*n-1.0/3+4/(405*n)+46/(25515*n*n)+131/(1148175*n*n*n);}

private static GaussianMixture fitSersic(double n){if(Math.abs(n-0.5)<1e-9){
// n = 0.5 is itself a Gaussian: Re = sigma * sqrt(2 ln 2)
return new GaussianMixture(new double[]{1},new double[]{1/Math.sqrt(2*Math.log(2))});}double b=sersicB(n);int k=n<1.5?6:9;double sMin=n<1.5?0.05:(n<3?0.005:0.001);double sMax=n<1.5?1.5:3.0;double[]sig=logSpace(sMin,sMax,k);return fit(r->{double v=Math.exp(-b*(Math.pow(r,1/n)-1));
// soft truncation between 6 and 8 Re keeps the total flux finite and the wings inside a stamp
if(r>6){double t=Math.min(1,(r-6)/2);v*=(1-t*t)*(1-t*t);}return v;},sig,Math.min(sMin,0.001)/2,8.5,true);}

/**
 * Moffat PSF (1 + (r/alpha)^2)^-beta with unit FWHM, truncated at 5 FWHM, as 4 Gaussians whose widths are then scaled
 * so that the mixture's FWHM is exactly 1.
 */
public static GaussianMixture moffat(double beta){if(!(beta>1.5&&beta<20)){throw new IllegalArgumentException("Moffat beta must lie in 1.5..20, got "+beta);}double alpha=0.5/Math.sqrt(Math.pow(2,1/beta)-1);double[]sig=logSpace(0.25,2.0,4);GaussianMixture m=fit(r->r>5?0:Math.pow(1+(r/alpha)*(r/alpha),-beta),sig,0.01,5,false);return m.scaledToFwhm(1.0);}

/** Gaussian PSF of unit FWHM. */
public static GaussianMixture gaussian(){return new GaussianMixture(new double[]{1},new double[]{1/(2*Math.sqrt(2*Math.log(2)))});}

/** Surface brightness at radius r for unit total flux. */
public double value(double r){double s=0;for(int i=0;i<weights.length;i++){double v=sigmas[i]*sigmas[i];s+=weights[i]/(2*Math.PI*v)*Math.exp(-r*r/(2*v));}return s;}

/** Fraction of the flux inside radius r. */
public double enclosed(double r){double s=0;for(int i=0;i<weights.length;i++){s+=weights[i]*(1-Math.exp(-r*r/(2*sigmas[i]*sigmas[i])));}return s;}

public double fwhm(){double half=value(0)/2,lo=0,hi=100;for(int it=0;it<100;it++){double mid=(lo+hi)/2;if(value(mid)>half)lo=mid;else hi=mid;}return lo+hi;}

public double halfLightRadius(){double lo=0,hi=100;for(int it=0;it<100;it++){double mid=(lo+hi)/2;if(enclosed(mid)<0.5)lo=mid;else hi=mid;}return(lo+hi)/2;}

public GaussianMixture scaledToFwhm(double fwhm){double f=fwhm/fwhm();double[]s=sigmas.clone();for(int i=0;i<s.length;i++)s[i]*=f;return new GaussianMixture(weights,s);}

private static double[]logSpace(double a,double b,int k){double[]s=new double[k];for(int i=0;i<k;i++)s[i]=a*Math.pow(b/a,i/(double)(k-1));return s;}

/** Non-negative least squares fit of the 2-D profile (residuals weighted by area), weights renormalised to 1. */
private static GaussianMixture fit(java.util.function.DoubleUnaryOperator profile,double[]sig,double rMin,double rMax,boolean scaleToHalfLight){int m=400,k=sig.length;double[][]a=new double[m][k];double[]y=new double[m];for(int j=0;j<m;j++){double r=rMin*Math.pow(rMax/rMin,j/(double)(m-1));double w=r; // sqrt
																																																																																																																																																								// of
																																																																																																																																																								// the
																																																																																																																																																								// area
																																																																																																																																																								// element
																																																																																																																																																								// r^2
																																																																																																																																																								// d(ln
																																																																																																																																																								// r)
y[j]=w*profile.applyAsDouble(r);for(int i=0;i<k;i++){double v=sig[i]*sig[i];a[j][i]=w/(2*Math.PI*v)*Math.exp(-r*r/(2*v));}}double[]x=Nnls.solve(a,y);int live=0;double total=0;for(double v:x){if(v>0){live++;total+=v;}}double[]wts=new double[live],sg=new double[live];for(int i=0,o=0;i<k;i++){if(x[i]>0){wts[o]=x[i]/total;sg[o]=sig[i];o++;}}GaussianMixture g=new GaussianMixture(wts,sg);if(scaleToHalfLight){
// the truncation moves the half-light radius slightly; restore Re = 1 exactly
double f=1/g.halfLightRadius();for(int i=0;i<sg.length;i++)sg[i]*=f;}return g;}

@Override public String toString(){return"GaussianMixture"+Arrays.toString(weights)+Arrays.toString(sigmas);}}
