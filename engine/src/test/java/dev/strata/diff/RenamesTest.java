package dev.strata.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.schema.QualifiedName;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenamesTest {

    @Test
    void columnNamesAreFollowedOutsideLiteralsQualifiedNamesAndCalls() {
        Map<String, String> renamed = Map.of("holder", "owner", "lower", "low", "Code", "code no");
        assertThat(Renames.followColumns("UNIQUE (holder)", renamed)).isEqualTo("UNIQUE (owner)");
        assertThat(Renames.followColumns("USING btree (lower(holder)) WHERE (holder <> 'holder'::text)", renamed))
                .isEqualTo("USING btree (lower(owner)) WHERE (owner <> 'holder'::text)");
        assertThat(Renames.followColumns("CHECK ((t.holder IS NOT NULL) AND (\"Code\" <> 'it''s holder'))", renamed))
                .isEqualTo("CHECK ((t.holder IS NOT NULL) AND (\"code no\" <> 'it''s holder'))");
        assertThat(Renames.followColumns("PRIMARY KEY (holders, holder_id)", renamed)).isEqualTo("PRIMARY KEY (holders, holder_id)");
        assertThat(Renames.followColumns("UNIQUE (holder)", Map.of())).isEqualTo("UNIQUE (holder)");
    }

    @Test
    void hintsNameATableOrAColumn() {
        Renames r = Renames.none().with("public.client=customer").with("public.account.code=account_no");
        assertThat(r.tables()).containsEntry(QualifiedName.of("public", "client"), QualifiedName.of("public", "customer"));
        assertThat(r.columnsOf(QualifiedName.of("public", "account"), QualifiedName.of("public", "account")))
                .containsExactly(Map.entry("code", "account_no"));
        assertThatThrownBy(() -> Renames.none().with("client=public.customer")).hasMessageContaining("schema.table=new_table");
    }
}
