CREATE TABLE account (id integer PRIMARY KEY, email text NOT NULL UNIQUE, tenant integer NOT NULL, slug text NOT NULL,
    CONSTRAINT account_tenant_slug_key UNIQUE (tenant, slug) DEFERRABLE INITIALLY DEFERRED);
