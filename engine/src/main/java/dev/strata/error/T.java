package dev.strata.error;
public final class T {
    public static void m(String what) {
        if (System.getenv("STRATA_T") != null) System.err.println("T " + System.currentTimeMillis() + " " + what);
    }
}
