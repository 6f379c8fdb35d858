import { isJsonObject, JsonObject } from '../common/patch/json-value';
import { Language } from '../reference-lists/languages';
import { ListName, ReferenceListsService } from '../reference-lists/reference-lists.service';

/** A contact field that is an `{id, name}` reference. */
export type ContactReferenceField = 'category' | 'business' | 'country';

/** The contact fields that are `{id, name}` references, and the list each points into. */
export const CONTACT_REFERENCES: ReadonlyArray<readonly [field: ContactReferenceField, list: ListName]> = [
  ['category', 'category'],
  ['business', 'business'],
  ['country', 'country'],
];


/**
 * A contact document with its reference names in `language` (API.md §3). Presentation only:
 * the stored document, its history and the pipeline keep the English names, and the ids are
 * what a write stores. Returns the document itself when nothing changes (English).
 */
export function contactInLanguage(document: JsonObject, lists: ReferenceListsService, language: Language): JsonObject {
  if (language === 'en') return document;
  const localized: JsonObject = { ...document };
  for (const [field, list] of CONTACT_REFERENCES) {
    const reference = document[field];
    if (isJsonObject(reference) && reference.name != null) localized[field] = { ...reference, name: lists.nameIn(list, reference.id, language) };
  }
  if (Array.isArray(document.interests)) {
    localized.interests = (document.interests as unknown[]).map((interest) =>
      isJsonObject(interest) && interest.name != null ? { ...interest, name: lists.nameIn('interest', interest.id, language) } : interest,
    );
  }
  return localized;
}
