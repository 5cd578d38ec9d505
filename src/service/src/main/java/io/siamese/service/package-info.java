/** The streaming service: image pairs in, micro-batched inference, dissimilarity events out. */
package io.siamese.service;
