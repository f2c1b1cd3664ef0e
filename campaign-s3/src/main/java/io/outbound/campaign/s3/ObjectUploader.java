package io.outbound.campaign.s3;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Uploads a stream of unknown length: one {@code PutObject} when it ends before the multipart
 * threshold, otherwise a multipart upload whose first part is the threshold's worth of bytes already
 * read and whose later parts are {@code partSize} each. One buffer, reused for every part, is the only
 * copy of the content in memory. Both kinds of write are conditional ({@code If-None-Match: *}), so neither
 * replaces an object that is there when it completes.
 */
final class ObjectUploader {

    /** S3 refuses a multipart upload of more parts than this. */
    static final int MAX_PARTS = 10_000;

    /** {@code If-None-Match: *}: the write succeeds only if no object is under the key when it completes. */
    static final String CREATE_ONLY = "*";

    private static final String CSV = "text/csv";
    private static final String BINARY = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;
    private final int multipartThreshold;
    private final int partSize;
    private final ChecksumAlgorithm checksum;

    ObjectUploader(S3Client s3, String bucket, long multipartThreshold, long partSize) {
        this.s3 = s3;
        // Follow the client: with checksums on (the SDK default), declare CRC32 for the whole upload and
        // echo each part's CRC32 on completion, the composite-checksum protocol S3 documents; with them
        // off, declare none, which every S3-compatible service understands.
        RequestChecksumCalculation calculation = s3.serviceClientConfiguration().requestChecksumCalculation();
        this.checksum = calculation == RequestChecksumCalculation.WHEN_REQUIRED ? null : ChecksumAlgorithm.CRC32;
        this.bucket = bucket;
        // The builder bounds both to at most 1 GiB, so they fit an array.
        this.multipartThreshold = Math.toIntExact(multipartThreshold);
        this.partSize = Math.toIntExact(partSize);
    }

    void upload(String objectKey, String key, InputStream content) {
        byte[] buffer = new byte[Math.max(multipartThreshold, partSize)];
        int length = read(content, buffer, multipartThreshold, key);
        String contentType = objectKey.endsWith(".csv") ? CSV : BINARY;
        if (length < multipartThreshold) {
            s3.putObject(request -> request.bucket(bucket).key(objectKey).contentType(contentType)
                    .ifNoneMatch(CREATE_ONLY).contentLength((long) length), body(buffer, length));
            return;
        }
        uploadInParts(objectKey, key, contentType, content, buffer, length);
    }

    private void uploadInParts(String objectKey, String key, String contentType, InputStream content,
                               byte[] buffer, int firstLength) {
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(objectKey)
                .contentType(contentType).checksumAlgorithm(checksum)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int length = firstLength;
            while (length > 0) {
                int partNumber = parts.size() + 1;
                if (partNumber > MAX_PARTS) {
                    throw new CampaignException(ErrorCode.FILES_UNAVAILABLE, "file '" + key + "' is larger than "
                            + MAX_PARTS + " parts of " + partSize + " bytes; configure a larger partSize");
                }
                int partLength = length;
                UploadPartResponse uploaded = s3.uploadPart(request -> request.bucket(bucket).key(objectKey)
                        .uploadId(uploadId).partNumber(partNumber).contentLength((long) partLength)
                        .checksumAlgorithm(checksum), body(buffer, partLength));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag())
                        .checksumCRC32(uploaded.checksumCRC32()).build());
                length = read(content, buffer, partSize, key);
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .ifNoneMatch(CREATE_ONLY).multipartUpload(upload -> upload.parts(parts)));
        } catch (RuntimeException e) {
            abort(objectKey, uploadId, e);
            throw e;
        }
    }

    private void abort(String objectKey, String uploadId, RuntimeException cause) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (RuntimeException abortFailure) {
            // The upload's parts linger until a bucket lifecycle rule removes them; the first failure
            // is the one the caller needs.
            cause.addSuppressed(abortFailure);
        }
    }

    /** A request body over the buffer's first bytes, without copying them. */
    private static RequestBody body(byte[] buffer, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, BINARY);
    }

    /** Fills the buffer with up to {@code limit} bytes; fewer only at the end of the stream. */
    private static int read(InputStream content, byte[] buffer, int limit, String key) {
        try {
            return content.readNBytes(buffer, 0, limit);
        } catch (IOException e) {
            throw new CampaignException(ErrorCode.FILES_UNAVAILABLE,
                    "could not read the content for file '" + key + "': " + e.getMessage(), List.of(), e);
        }
    }
}
