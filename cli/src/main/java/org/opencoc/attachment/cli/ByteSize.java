package org.opencoc.attachment.cli;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 1234}, {@code 500k}, {@code 2m}, {@code 1g} (powers of 1024) as a byte count. */
final class ByteSize implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k")) {
            unit = 1024;
        } else if (v.endsWith("m")) {
            unit = 1024 * 1024;
        } else if (v.endsWith("g")) {
            unit = 1024 * 1024 * 1024;
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        if (!digits.matches("\\d{1,12}")) {
            throw new TypeConversionException("'" + value + "' is not a byte count such as 1234, 500k or 2m");
        }
        return Long.parseLong(digits) * unit;
    }
}
