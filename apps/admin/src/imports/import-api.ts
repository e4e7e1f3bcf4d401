import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  importRoutes,
  type ImportKind,
  type ImportMappingBody,
  type ImportSampleName,
  type ImportStatus,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const importsKey = ['imports'] as const;
const jobKey = (id: string) => [...importsKey, 'job', id] as const;

/** Still working in the background: the screens poll these. */
export const isActive = (status: ImportStatus) => status === 'queued' || status === 'running';

const pollMs = 1000;

/** The recent imports, refreshed while one of them is still running. */
export const useImportJobs = () =>
  useQuery({
    queryKey: [...importsKey, 'list'],
    queryFn: async () => (await api.call(importRoutes.list)).items,
    refetchInterval: (query) => (query.state.data?.some((j) => isActive(j.status)) ? pollMs * 3 : false),
  });

/** One import; polled about every second while it is queued or running, so the bar moves. */
export const useImportJob = (id: string) =>
  useQuery({
    queryKey: jobKey(id),
    queryFn: () => api.call(importRoutes.get, { params: { id } }),
    refetchInterval: (query) => (query.state.data && isActive(query.state.data.status) ? pollMs : false),
    // Progress is the point of this page: a tab brought back shows the latest state at once.
    refetchOnWindowFocus: true,
    staleTime: 0,
  });

export const useUploadImport = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind | null; file: File }) => {
      // The server reads the fields in order and streams the file: `kind` must come first. Without one,
      // each sheet's kind is suggested from its headers.
      const form = new FormData();
      if (kind) form.append('kind', kind);
      form.append('file', file, file.name);
      return api.upload(importRoutes.upload, form);
    },
    onSuccess: (job) => {
      client.setQueryData(jobKey(job.id), job);
      void client.invalidateQueries({ queryKey: [...importsKey, 'list'] });
    },
  });
};

export const useSaveMapping = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportMappingBody) => api.call(importRoutes.chooseMapping, { params: { id }, body }),
    onSuccess: (job) => {
      client.setQueryData(jobKey(id), job);
      void client.invalidateQueries({ queryKey: [...importsKey, 'list'] });
    },
    // Started meanwhile from another tab (409): reloading the job moves this page on to its progress.
    onError: () => client.invalidateQueries({ queryKey: jobKey(id) }),
  });
};

/**
 * One page of the rows that failed (of one sheet, or all); refreshed with the job while it runs (`version`
 * is its rowsFailed).
 */
export const useImportErrors = (id: string, page: number, pageSize: number, version: number, sheet?: number) =>
  useQuery({
    queryKey: [...importsKey, 'errors', id, page, pageSize, version, sheet ?? 'all'],
    queryFn: () =>
      api.call(importRoutes.errors, {
        params: { id },
        query: { limit: pageSize, offset: (page - 1) * pageSize, ...(sheet === undefined ? {} : { sheet }) },
      }),
    placeholderData: keepPreviousData,
  });

export const samplePath = (kind: ImportSampleName) => api.href(importRoutes.sample, { params: { kind } });
export const errorReportPath = (id: string) => api.href(importRoutes.errorReport, { params: { id } });
