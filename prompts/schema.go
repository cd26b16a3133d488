package prompts

import (
	"encoding/json"
	"slices"

	"github.com/otassess/otassess/assessment"
)

// The JSON schemas sent as response_format. They are built from plain maps
// (marshalled with sorted keys, so they are stable for golden files) because
// they vary with the output languages and the allowed item ids. Every object
// lists all its properties as required and forbids others, as strict
// structured outputs require.

type schemaNode = map[string]any

func objectSchema(props schemaNode) schemaNode {
	req := make([]string, 0, len(props))
	for k := range props {
		req = append(req, k)
	}
	slices.Sort(req)
	return schemaNode{"type": "object", "properties": props, "required": req, "additionalProperties": false}
}

func arraySchema(items schemaNode) schemaNode { return schemaNode{"type": "array", "items": items} }

func stringSchema() schemaNode { return schemaNode{"type": "string"} }

func enumSchema(values []string) schemaNode {
	return schemaNode{"type": "string", "enum": values}
}

// textSchema is an object with one string per output language ("ja", "en").
func textSchema(langs []assessment.Lang) schemaNode {
	props := schemaNode{}
	for _, l := range langs {
		props[string(l)] = stringSchema()
	}
	return objectSchema(props)
}

// idsSchema is an array of ids from allowed; with no allowed ids it is an
// array of strings that validation then rejects unless empty (an empty enum
// is not a valid schema).
func idsSchema(allowed []string) schemaNode {
	if len(allowed) == 0 {
		return arraySchema(stringSchema())
	}
	return arraySchema(enumSchema(allowed))
}

func marshalSchema(s schemaNode) json.RawMessage {
	// Marshalling maps of strings, slices and maps cannot fail.
	b, _ := json.Marshal(s)
	return b
}
