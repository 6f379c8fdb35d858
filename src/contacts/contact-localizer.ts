import { Injectable } from '@nestjs/common';
import { DocumentLocalizer } from '../common/resource/answer-language';
import { JsonObject } from '../common/resource/document-checks';
import { Language } from '../reference-lists/languages';
import { ReferenceListsService } from '../reference-lists/reference-lists.service';
import { contactInLanguage } from './contact-references';

/** A contact's answer with its reference names in the request's language (@ReferenceNamesInLanguage). */
@Injectable()
export class ContactLocalizer implements DocumentLocalizer<Language> {
  constructor(private readonly lists: ReferenceListsService) {}

  localize(document: JsonObject, language: Language): JsonObject {
    return contactInLanguage(document, this.lists, language);
  }
}
