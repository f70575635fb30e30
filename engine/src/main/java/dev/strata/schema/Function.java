package dev.strata.schema;

/**
 * A function or procedure written by the user (not an extension's).
 *
 * @param arguments {@code pg_get_function_identity_arguments}, which with the name identifies it
 * @param definition {@code pg_get_functiondef}: a complete {@code CREATE OR REPLACE FUNCTION} statement
 * @param result {@code pg_get_function_result}, for telling a changed return type (which needs a drop) apart
 */
public record Function(QualifiedName name, String arguments, String definition, String result, boolean procedure,
        String comment) {

    /** The name and arguments as in {@code DROP FUNCTION public.f(integer, text)}. */
    public String signature() {
        return name.sql() + "(" + arguments + ")";
    }
}
