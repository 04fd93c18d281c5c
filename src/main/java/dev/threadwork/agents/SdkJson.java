package dev.threadwork.agents;

import com.anthropic.core.JsonField;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.fasterxml.jackson.databind.JsonNode;

/** Bridges between the SDK's typed models and plain JSON. */
final class SdkJson {

    private SdkJson() {
    }

    /**
     * An SDK model as JSON. The SDK's models serialise faithfully (unknown fields and unknown union
     * variants included), so reading the JSON keeps us independent of the SDK's getter shapes.
     */
    static JsonNode tree(Object sdkModel) {
        return ObjectMappers.jsonMapper().valueToTree(sdkModel);
    }

    /**
     * A plain value for any SDK builder field. The SDK accepts a {@link JsonValue} wherever it takes
     * a {@code JsonField}; the cast only bridges Kotlin's {@code JsonField<Nothing>} to Java generics.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> JsonField<T> value(Object plain) {
        return (JsonField) JsonValue.from(plain);
    }
}
