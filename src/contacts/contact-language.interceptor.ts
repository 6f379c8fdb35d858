import { Injectable } from '@nestjs/common';
import { ResourcePage, ResourceResponse } from '../common/resource/resource-response';
import { ContentLanguageInterceptor } from '../reference-lists/content-language';
import { Language } from '../reference-lists/languages';
import { ReferenceListsService } from '../reference-lists/reference-lists.service';
import { contactInLanguage } from './contact-references';

/** Contacts' answers (records and pages) with their reference names in the request's language. */
@Injectable()
export class ContactLanguageInterceptor extends ContentLanguageInterceptor {
  constructor(private readonly lists: ReferenceListsService) {
    super();
  }

  protected override localize(result: unknown, language: Language): unknown {
    if (result instanceof ResourceResponse) return new ResourceResponse(contactInLanguage(result.document, this.lists, language), result.options);
    if (result instanceof ResourcePage) {
      return new ResourcePage(result.items.map((item) => contactInLanguage(item, this.lists, language)), result.nextCursor);
    }
    return result;
  }
}
