/**
 * The structural normalization rules, in the order they run on each node.
 * Each has a fixture under test/fixtures/normalize/<name>.json.
 * `discriminator-tags` runs afterwards as a second pass (it needs every
 * component already normalized).
 */
import type { Rule } from '../rule.js';
import { allOfAnnotationWrapper } from './allof-annotation-wrapper.js';
import { componentRef } from './component-ref.js';
import { dedupeRequired } from './dedupe-required.js';
import { exclusiveBounds } from './exclusive-bounds.js';
import { nullable } from './nullable.js';
import { recursiveRef } from './recursive-ref.js';
import { refDiscriminator } from './ref-discriminator.js';
import { refSiblings } from './ref-siblings.js';
import { singleMemberUnion } from './single-member-union.js';

export const RULES: readonly Rule[] = [
  recursiveRef,
  componentRef,
  exclusiveBounds,
  dedupeRequired,
  refDiscriminator,
  refSiblings,
  allOfAnnotationWrapper,
  singleMemberUnion,
  nullable,
];
