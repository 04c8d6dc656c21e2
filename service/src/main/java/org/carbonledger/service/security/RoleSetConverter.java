package org.carbonledger.service.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

/** Stores a role set as sorted, comma-separated claim names ({@code operator,read-only}). */
@Singleton
final class RoleSetConverter implements AttributeConverter<Set<Role>, String> {

    @Override
    public String convertToPersistedValue(Set<Role> roles, ConversionContext context) {
        return roles == null ? null : roles.stream().map(Role::claim).sorted().collect(Collectors.joining(","));
    }

    @Override
    public Set<Role> convertToEntityValue(String value, ConversionContext context) {
        if (value == null) {
            return null;
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(value.split(",")).filter(s -> !s.isBlank()).map(Role::of).forEach(roles::add);
        return roles;
    }
}
