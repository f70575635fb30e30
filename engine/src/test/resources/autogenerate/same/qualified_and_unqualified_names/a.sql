CREATE TABLE public.t (id integer PRIMARY KEY, note text);
COMMENT ON TABLE public.t IS 'a table';
CREATE VIEW public.v AS SELECT public.t.id FROM public.t;
