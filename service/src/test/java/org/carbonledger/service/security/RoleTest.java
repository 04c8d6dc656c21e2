package org.carbonledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void the_organizations_roles_nest_and_none_of_them_includes_pact() {
        assertThat(Role.ADMIN.withImplied()).containsExactlyInAnyOrder(Role.ADMIN, Role.OPERATOR, Role.READ_ONLY);
        assertThat(Role.OPERATOR.withImplied()).containsExactlyInAnyOrder(Role.OPERATOR, Role.READ_ONLY);
        assertThat(Role.READ_ONLY.withImplied()).containsExactly(Role.READ_ONLY);
        assertThat(Role.expand(Set.of(Role.ADMIN))).doesNotContain(Role.PACT);
    }

    @Test
    void pact_implies_no_other_role() {
        assertThat(Role.PACT.withImplied()).containsExactly(Role.PACT);
        assertThat(Role.expand(Set.of(Role.PACT))).containsExactly(Role.PACT);
        assertThat(Role.of(" PACT ")).isEqualTo(Role.PACT);
    }

    @Test
    void pact_combined_with_another_role_or_no_role_at_all_is_refused() {
        assertThatThrownBy(() -> Role.checkCombination(EnumSet.of(Role.PACT, Role.READ_ONLY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pact cannot be combined");
        assertThatThrownBy(() -> Role.checkCombination(EnumSet.noneOf(Role.class)))
                .isInstanceOf(IllegalArgumentException.class);
        Role.checkCombination(EnumSet.of(Role.PACT));
        Role.checkCombination(EnumSet.of(Role.ADMIN, Role.READ_ONLY));
    }
}
