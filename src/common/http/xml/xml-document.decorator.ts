import { SetMetadata } from '@nestjs/common';
import { XmlShape } from './xml-shape';

export const XML_DOCUMENT = Symbol('xml:document');

/** How a route that serves no resource is written as XML: its root element and shape. */
export interface XmlDocumentOptions {
  root: string;
  shape: XmlShape;
}

/**
 * Names the root element and the shape of a non-resource route's XML answer. Without it such
 * an answer is `<Response>` with every key written as an `<entry>` (keys may be data).
 */
export const XmlDocument = (root: string, shape: XmlShape) => SetMetadata(XML_DOCUMENT, { root, shape } satisfies XmlDocumentOptions);
